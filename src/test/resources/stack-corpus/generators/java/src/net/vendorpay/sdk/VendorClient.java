package net.vendorpay.sdk;

/** Plays a third-party SDK the in-app rules know nothing about. */
public final class VendorClient {
    public String submit(String kind, long cents) {
        validate(kind, cents);
        return kind + ":" + cents;
    }

    private void validate(String kind, long cents) {
        if (cents > 50_000) {
            throw new VendorException("rejected by issuer: code 51 (" + kind + " " + cents + ")");
        }
    }
}
