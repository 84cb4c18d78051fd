package com.shopfront.checkout;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.implementation.bind.annotation.RuntimeType;
import net.bytebuddy.implementation.bind.annotation.SuperCall;
import net.bytebuddy.matcher.ElementMatchers;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.MethodInterceptor;

import java.util.concurrent.Callable;

public final class CheckoutProxies {
    private CheckoutProxies() {
    }

    public static CheckoutService create(boolean byteBuddy) {
        return byteBuddy ? byteBuddy() : cglib();
    }

    private static CheckoutService cglib() {
        Enhancer enhancer = new Enhancer();
        enhancer.setSuperclass(CheckoutService.class);
        enhancer.setCallback((MethodInterceptor) (obj, method, args, proxy) -> proxy.invokeSuper(obj, args));
        return (CheckoutService) enhancer.create();
    }

    private static CheckoutService byteBuddy() {
        try {
            return new ByteBuddy().subclass(CheckoutService.class)
                    .method(ElementMatchers.named("applyGiftCard").or(ElementMatchers.named("applyVoucher")))
                    .intercept(MethodDelegation.to(Interceptor.class))
                    .make()
                    .load(CheckoutService.class.getClassLoader())
                    .getLoaded().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Interceptor {
        @RuntimeType
        public static Object intercept(@SuperCall Callable<?> zuper) throws Exception {
            return zuper.call();
        }
    }
}
