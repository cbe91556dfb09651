package com.radrelay.dicom.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every DICOMweb error answer: an RFC 9457 problem document whose detail says what to change, and the same text in
 * a {@code Warning: 299} header (PS3.18 8.4.2) for clients that read only headers. Faults behind a DICOMweb call
 * become such an answer too, never a redirect to the sign-in page or a stack trace.
 */
@RestControllerAdvice(annotations = DicomWebController.class)
public class DicomWebProblems {

    private static final Logger log = LoggerFactory.getLogger(DicomWebProblems.class);

    /** Answers with {@code status} and the reason; nothing else is written to the response. */
    public static void send(HttpServletResponse rsp, int status, String detail) throws IOException {
        rsp.setStatus(status);
        rsp.setHeader("Warning", warning(detail));
        rsp.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = ("{\"type\":\"about:blank\",\"title\":" + quote(HttpStatus.valueOf(status).getReasonPhrase())
                + ",\"status\":" + status + ",\"detail\":" + quote(detail) + "}").getBytes(StandardCharsets.UTF_8);
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /** A {@code Warning} header value carrying a human-readable reason (PS3.18 8.4.2). */
    public static String warning(String text) {
        return "299 radrelay \"" + text.replace("\"", "'").replace("\\", "/").replaceAll("[\\r\\n]", " ") + "\"";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> storageFault(IOException e) {
        log.warn("DICOMweb request failed: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the archive could not read its storage; try again");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> fault(RuntimeException e) {
        log.error("DICOMweb request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the archive failed to answer; the error is logged");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).header("Warning", warning(detail))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
