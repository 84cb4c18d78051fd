package com.shopfront.audit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** A JDK dynamic proxy over a public interface: its class is jdk.proxyN.$ProxyM. */
public class AuditingHandler implements InvocationHandler {

    public static AuditLog create() {
        return (AuditLog) Proxy.newProxyInstance(AuditLog.class.getClassLoader(), new Class<?>[] {AuditLog.class},
                new AuditingHandler());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (args[0] == null || ((String) args[0]).isEmpty()) {
            throw new IllegalStateException("audit record without actor for " + args[1]);
        }
        return null;
    }
}
