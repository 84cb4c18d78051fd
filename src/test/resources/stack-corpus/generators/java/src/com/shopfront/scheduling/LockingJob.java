package com.shopfront.scheduling;

import java.util.concurrent.atomic.AtomicBoolean;

public class LockingJob {
    private final AtomicBoolean lock = new AtomicBoolean(true);

    //B private final Runnable addedInBuildB = new Runnable() { public void run() { } };

    public Runnable task(String name) {
        return new Runnable() {
            @Override
            public void run() {
                if (lock.get()) {
                    throw new IllegalStateException("lock for " + name + " is still held");
                }
            }
        };
    }
}
