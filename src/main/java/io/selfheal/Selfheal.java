package io.selfheal;

public final class Selfheal {
    public static void main(String[] args) {
    }
}
