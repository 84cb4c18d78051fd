package io.selfheal.llm;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** The producer template through which the diagnoser calls its routes, created on first use: it is wired before the Camel context has started. */
final class LazyProducerTemplate {
    private final CamelContext camel;
    private volatile ProducerTemplate template;

    LazyProducerTemplate(CamelContext camel) {
        this.camel = camel;
    }

    ProducerTemplate get() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
