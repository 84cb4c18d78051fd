package com.shopfront.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/** A front controller that calls handlers by reflection, like a web framework. */
public class Dispatcher {
    private final OrderController controller;

    public Dispatcher(OrderController controller) {
        this.controller = controller;
    }

    public Object dispatch(String verb, String path, Map<String, Object> request) {
        try {
            Method handler = OrderController.class.getMethod(verb.toLowerCase(), Map.class);
            return handler.invoke(controller, request);
        } catch (InvocationTargetException e) {
            if (verb.equals("GET") || verb.equals("DELETE")) {
                throw new RequestFailedException(verb + " " + path + " failed", e.getCause());
            }
            throw new RequestFailedException("Request processing failed", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
