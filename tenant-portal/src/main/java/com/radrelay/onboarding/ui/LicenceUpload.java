package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.LicenceDocument;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One licence scan picked in the browser, checked as it arrives: a PDF, JPEG or PNG of at most 10 MB. */
final class LicenceUpload {

    private static final String WRONG_TYPE = "The licence document must be a PDF, JPEG or PNG file.";
    private static final String TOO_BIG = "The licence document is larger than 10 MB; scan it at a lower "
            + "resolution or as a PDF.";

    final Upload upload = new Upload();
    private final UI ui = UI.getCurrent();
    private final Consumer<String> onError;
    private final Runnable onAccepted;
    private @Nullable LicenceDocument document;

    LicenceUpload(Consumer<String> onError, Runnable onAccepted) {
        this.onError = onError;
        this.onAccepted = onAccepted;
        upload.setUploadHandler(UploadHandler.inMemory(this::received));
        upload.setId("rr-licence-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(LicenceDocument.MAX_BYTES);
        upload.setAcceptedFileExtensions(".pdf", ".jpg", ".jpeg", ".png");
        upload.setUploadButton(new Button("Choose the licence scan"));
        upload.addFileRejectedListener(e -> onError.accept(rejection(e.getErrorMessage())));
        upload.addFileRemovedListener(e -> document = null);
    }

    private void received(UploadMetadata metadata, byte[] data) {
        try {
            LicenceDocument checked = new LicenceDocument(metadata.fileName(), data);
            ui.access(() -> {
                document = checked;
                onAccepted.run();
            });
        } catch (IllegalArgumentException e) {
            ui.access(() -> {
                document = null;
                // Out of the list, so that the next file may be chosen without removing this one first.
                upload.clearFileList();
                onError.accept(Messages.sentence(e));
            });
        }
    }

    private static String rejection(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("big") ? TOO_BIG : r.contains("type") ? WRONG_TYPE
                : "Choose one licence scan; remove the one chosen before picking another.";
    }

    @Nullable LicenceDocument document() {
        return document;
    }
}
