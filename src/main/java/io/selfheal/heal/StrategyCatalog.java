package io.selfheal.heal;

import io.selfheal.fingerprint.ErrorType;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every strategy known to this instance: the built-ins and any bound later (YAML {@code RouteStrategy} beans are
 * bound while routes load, so the catalog asks the registry each time instead of copying it once).
 */
public final class StrategyCatalog {
    private final Supplier<Collection<HealingStrategy>> strategies;
    private final SuccessRates successRates;

    public StrategyCatalog(Supplier<Collection<HealingStrategy>> strategies, SuccessRates successRates) {
        this.strategies = strategies;
        this.successRates = successRates;
    }

    public Optional<HealingStrategy> find(String name) {
        return strategies.get().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<HealingStrategy> all() {
        return strategies.get().stream().sorted(Comparator.comparing(HealingStrategy::name)).toList();
    }

    /** Every strategy as the API shows it. */
    public List<Map<String, Object>> describe() {
        return all().stream().map(s -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", s.name());
            d.put("description", s.description());
            d.put("applicableTo", s.applicableTo().stream().map(ErrorType::code).sorted().toList());
            d.put("risk", s.risk().name());
            d.put("priority", s.priority());
            d.put("reversible", s.reversible());
            return d;
        }).toList();
    }

    /** The allow-list a diagnoser chooses from, with each strategy's track record for this kind of incident. */
    public List<StrategyOption> options(Incident incident) {
        Map<String, SuccessRates.Track> tracks = successRates.byStrategy(incident.errorType(), incident.service());
        return all().stream().map(s -> {
            SuccessRates.Track t = tracks.getOrDefault(s.name(), new SuccessRates.Track(0, 0, 0));
            return s.option(t.rate(), t.attempts(), t.failed());
        }).toList();
    }
}
