package dev.unstuck.core.engine;

import java.util.List;
import java.util.Objects;

/** Why ending a conversation failed, each with the sentence a user reads. */
public sealed interface Cause {

    String sentence();

    /**
     * Genesys answered 403.
     *
     * @param permissions the missing permissions, from the ErrorBody's {@code messageParams}
     * @param roleNames the OAuth client's roles (names where readable, else ids; may be empty)
     * @param fix what to add where
     */
    record PermissionMissing(List<String> permissions, String clientId, List<String> roleNames, String fix) implements Cause {

        public PermissionMissing {
            permissions = List.copyOf(permissions);
            Objects.requireNonNull(clientId, "clientId");
            roleNames = List.copyOf(roleNames);
            Objects.requireNonNull(fix, "fix");
        }

        @Override
        public String sentence() {
            return "OAuth client " + clientId + " is missing permission "
                    + (permissions.isEmpty() ? "(not named by Genesys)" : String.join(", ", permissions)) + "; " + fix;
        }
    }

    /** 409 that outlived the re-plans, and no teardown was allowed. */
    record Conflict(String detail) implements Cause {

        public Conflict {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String sentence() {
            return "Genesys kept answering 409 (conflict): " + detail;
        }
    }

    record Unreachable(String detail) implements Cause {

        public Unreachable {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String sentence() {
            return detail;
        }
    }

    record ApiError(int status, String code, String message) implements Cause {

        public ApiError {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String sentence() {
            return "Genesys answered " + status + (code.isEmpty() ? "" : " " + code) + ": " + message;
        }
    }

    /** Every step succeeded, yet the conversation still has active legs. */
    record StillActive(String detail) implements Cause {

        public StillActive {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String sentence() {
            return "the conversation is still active after every step: " + detail;
        }
    }
}
