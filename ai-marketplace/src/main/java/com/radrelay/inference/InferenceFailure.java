package com.radrelay.inference;

/** A call to the inference server that did not give a usable answer, and whether trying again may help. */
public class InferenceFailure extends RuntimeException {

    /** Why it failed. */
    public enum Kind {
        /** The server or model is not there or not ready yet: worth another try. */
        UNAVAILABLE(true),
        /** The deadline passed: worth another try. */
        TIMEOUT(true),
        /** The server refused the request (shape, type, unknown input): the same request fails again. */
        REFUSED(false),
        /** The answer does not match the model's output contract. */
        BAD_OUTPUT(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean retryable() {
            return transientFailure;
        }
    }

    private final Kind kind;

    public InferenceFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public InferenceFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
