package com.shopfront.audit;

public interface AuditLog {
    void record(String actor, String action);
}
