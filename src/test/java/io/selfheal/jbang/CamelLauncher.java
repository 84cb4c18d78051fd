package io.selfheal.jbang;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command of Camel JBang on Selfheal's Maven classpath (camel-jbang-core has no main class of its
 * own): {@code java -cp <test classpath> io.selfheal.jbang.CamelLauncher run ...}. Test scope only, so the service jar
 * does not carry Camel JBang.
 */
public final class CamelLauncher {
    private CamelLauncher() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
