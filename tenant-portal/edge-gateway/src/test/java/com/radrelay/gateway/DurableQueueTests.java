package com.radrelay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableQueueTests {

    @TempDir Path root;

    @Test
    void instancesComeOutOldestFirstInBatchesWithinTheLimits() throws IOException {
        DurableQueue queue = new DurableQueue(root);
        for (int i = 1; i <= 5; i++) {
            byte[] body = new byte[100 * i];
            queue.accept("1.2.3." + i, out -> out.write(body));
        }
        List<Path> first = queue.batch(3, 10_000);
        assertThat(first).extracting(DurableQueue::sopInstanceUid).containsExactly("1.2.3.1", "1.2.3.2", "1.2.3.3");
        assertThat(queue.batch(10, 10_000)).extracting(DurableQueue::sopInstanceUid)
                .as("a second batch in flight gets the others").containsExactly("1.2.3.4", "1.2.3.5");
        assertThat(queue.batch(10, 10_000)).as("all held").isEmpty();
        queue.release(queue.batch(0, 0));
        queue.release(first);
        queue.release(List.of(root.resolve("queued").resolve("unknown")));
        DurableQueue again = new DurableQueue(root);
        assertThat(again.batch(10, 350)).extracting(DurableQueue::sopInstanceUid)
                .as("up to the byte limit").containsExactly("1.2.3.1", "1.2.3.2");
        assertThat(again.batch(10, 1)).as("at least one, however large").extracting(DurableQueue::sopInstanceUid)
                .containsExactly("1.2.3.3");
    }

    @Test
    void sentInstancesAreRecordedAndGoneAfterARestartAndHalfWrittenOnesAreDropped() throws IOException {
        DurableQueue queue = new DurableQueue(root);
        queue.accept("1.2.3.1", out -> out.write("first".getBytes(StandardCharsets.US_ASCII)));
        queue.accept("1.2.3.2", out -> out.write("second".getBytes(StandardCharsets.US_ASCII)));
        List<Path> batch = queue.batch(1, 1000);
        queue.sent(batch);
        Files.writeString(root.resolve("incoming/crashed.part"), "half");

        DurableQueue restarted = new DurableQueue(root);
        assertThat(restarted.sentCount()).isEqualTo(1);
        assertThat(restarted.waitingCount()).isEqualTo(1);
        assertThat(restarted.batch(10, 1000)).extracting(DurableQueue::sopInstanceUid).containsExactly("1.2.3.2");
        assertThat(Files.readAllLines(root.resolve("sent.log"))).containsExactly("1.2.3.1");
        assertThat(root.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void aRefusedInstanceIsSetAsideWithItsReasonAndAFailedWriteLeavesNothing() throws IOException {
        DurableQueue queue = new DurableQueue(root);
        queue.accept("1.2.3.1", out -> out.write(1));
        queue.failed(queue.batch(1, 10).getFirst(), "refused: 0xa900");
        assertThat(queue.failedCount()).isEqualTo(1);
        assertThat(queue.waitingCount()).isZero();

        assertThatThrownBy(() -> queue.accept("1.2.3.2", out -> {
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(queue.waitingCount()).isZero();
        assertThat(root.resolve("incoming")).isEmptyDirectory();
        assertThatThrownBy(() -> queue.accept("../escape", out -> out.write(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyProcessingFailuresAndOutOfResourcesAreTriedAgain() throws IOException {
        String body = """
                {"00081198": {"vr": "SQ", "Value": [
                  {"00081155": {"vr": "UI", "Value": ["1.2.3.1"]}, "00081197": {"vr": "US", "Value": [43264]}},
                  {"00081155": {"vr": "UI", "Value": ["1.2.3.2"]}, "00081197": {"vr": "US", "Value": [272]}}]}}""";
        StowOutcome outcome = StowOutcome.parse(202, body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.refused()).containsEntry("1.2.3.1", 0xA900).containsEntry("1.2.3.2", 0x0110);
        assertThat(StowOutcome.transientReason(0xA900)).isFalse();
        assertThat(StowOutcome.transientReason(0xC000)).isFalse();
        assertThat(StowOutcome.transientReason(0x0110)).isTrue();
        assertThat(StowOutcome.transientReason(0xA700)).isTrue();
    }
}
