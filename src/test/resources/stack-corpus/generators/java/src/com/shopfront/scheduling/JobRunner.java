package com.shopfront.scheduling;

import com.shopfront.app.Operations;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Scheduled jobs: the failure reaches the runner as an ExecutionException from another thread. */
public class JobRunner {
    private final AtomicInteger threads = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "scheduling-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Operations operations;

    public JobRunner(Operations operations) {
        this.operations = operations;
    }

    public void runNow(String op, int n) throws ExecutionException, InterruptedException {
        ScheduledFuture<Object> future = scheduler.schedule(() -> reconcile(op, n), 0, TimeUnit.MILLISECONDS);
        future.get();
    }

    private Object reconcile(String op, int n) throws Exception {
        return operations.run(op, n);
    }
}
