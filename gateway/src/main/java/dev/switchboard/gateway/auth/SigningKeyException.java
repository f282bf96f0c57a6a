package dev.switchboard.gateway.auth;

/** The node has no usable key to check tokens with; it must not start. The message never quotes a secret. */
class SigningKeyException extends IllegalStateException {

    SigningKeyException(String message) {
        super(message);
    }
}
