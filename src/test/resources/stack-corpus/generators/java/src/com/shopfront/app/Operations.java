package com.shopfront.app;

import com.shopfront.audit.AuditLog;
import com.shopfront.audit.AuditingHandler;
import com.shopfront.billing.InvoiceService;
import com.shopfront.cache.SessionCache;
import com.shopfront.cart.CartService;
import com.shopfront.catalog.CategoryTree;
import com.shopfront.catalog.TagService;
import com.shopfront.checkout.CheckoutProxies;
import com.shopfront.checkout.CheckoutService;
import com.shopfront.clients.InventoryClient;
import com.shopfront.clients.PaymentGateway;
import com.shopfront.config.TemplateLoader;
import com.shopfront.customers.CustomerDirectory;
import com.shopfront.ids.OrderIds;
import com.shopfront.inventory.InventoryService;
import com.shopfront.loyalty.PointsService;
import com.shopfront.notify.Notifier;
import com.shopfront.orders.OrderService;
import com.shopfront.orders.OrderStatusMapper;
import com.shopfront.parsing.QuantityParser;
import com.shopfront.payments.CardPayments;
import com.shopfront.payments.Payouts;
import com.shopfront.payments.Refunds;
import com.shopfront.pricing.PriceCalculator;
import com.shopfront.promo.CouponService;
import com.shopfront.reports.ReportService;
import com.shopfront.returns.ReturnService;
import com.shopfront.scheduling.LockingJob;
import com.shopfront.search.SearchService;
import com.shopfront.shipping.DeliveryDates;
import com.shopfront.shipping.ShippingRates;
import com.shopfront.stats.BasketStats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** The application's use cases; each op name is one bug the corpus provokes with bad input. */
public class Operations {
    public static final List<String> BUGS = List.of(
            "out-of-stock", "order-not-found", "return-not-found", "npe-customer-tier", "npe-invoice-address",
            "nfe-quantity", "nfe-coupon", "bigdecimal-divide", "average-empty", "points-overflow", "delivery-date",
            "zone-rate", "inventory-refused", "gateway-refused", "npe-normalize-lambda", "cme-remove-expired",
            "report-negative", "report-buffer", "session-cart-cast", "tag-immutable", "category-cycle",
            "no-primary-address", "order-id-uuid", "search-regex", "template-missing", "status-code", "audit-actor",
            "card-declined", "gift-card-expired", "voucher-expired", "payout-rejected", "refund-rejected",
            "notify-npe-email", "lock-held");

    private final InventoryService inventory = new InventoryService();
    private final OrderService orders = new OrderService(inventory);
    private final ReturnService returns = new ReturnService();
    private final InvoiceService invoices = new InvoiceService();
    private final QuantityParser quantities = new QuantityParser();
    private final CouponService coupons = new CouponService();
    private final PriceCalculator prices = new PriceCalculator();
    private final BasketStats stats = new BasketStats();
    private final PointsService points = new PointsService();
    private final DeliveryDates dates = new DeliveryDates();
    private final ShippingRates rates = new ShippingRates();
    private final InventoryClient inventoryClient;
    private final PaymentGateway gateway;
    private final CartService cart = new CartService();
    private final ReportService reports = new ReportService();
    private final SessionCache cache = new SessionCache();
    private final TagService tags = new TagService();
    private final CategoryTree categories = new CategoryTree();
    private final CustomerDirectory directory = new CustomerDirectory();
    private final OrderIds orderIds = new OrderIds();
    private final SearchService search = new SearchService();
    private final TemplateLoader templates = new TemplateLoader();
    private final OrderStatusMapper statuses = new OrderStatusMapper();
    private final AuditLog audit = AuditingHandler.create();
    private final CardPayments cards = new CardPayments();
    private final CheckoutService checkout;
    private final Payouts payouts = new Payouts();
    private final Refunds refunds = new Refunds();
    private final Notifier notifier = new Notifier(Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "notify-" + System.nanoTime() % 100);
        thread.setDaemon(true);
        return thread;
    }));
    private final LockingJob lockingJob = new LockingJob();

    public Operations(int closedPort, boolean byteBuddy) {
        this.inventoryClient = new InventoryClient(closedPort);
        this.gateway = new PaymentGateway(closedPort);
        this.checkout = CheckoutProxies.create(byteBuddy);
    }

    /** Runs one use case with the event's input ({@code n} varies the values that do not decide the bug). */
    public Object run(String op, int n) throws Exception {
        String order = "x-" + (1000 + n);
        return switch (op) {
            case "out-of-stock" -> orders.place("o-" + n, "sku-2", 1 + n % 4);
            case "order-not-found" -> orders.load(order);
            case "return-not-found" -> returns.load(order);
            case "npe-customer-tier" -> orders.totalOf("c-" + (10 + n), BigDecimal.TEN);
            case "npe-invoice-address" -> invoices.render("o-" + n);
            case "nfe-quantity" -> quantities.parse(n + "pcs");
            case "nfe-coupon" -> coupons.percentOff("SAVE-" + "ten".repeat(1 + n % 2));
            case "bigdecimal-divide" -> prices.unitPrice(BigDecimal.valueOf(10 + 3L * n), 3);
            case "average-empty" -> stats.average(List.of());
            case "points-overflow" -> points.award(3_000_000L + n);
            case "delivery-date" -> dates.requested("2026-" + (13 + n % 5) + "-01");
            case "zone-rate" -> rates.zoneRate(3 + n % 5);
            case "inventory-refused" -> {
                inventoryClient.ping();
                yield null;
            }
            case "gateway-refused" -> {
                gateway.open();
                yield null;
            }
            case "npe-normalize-lambda" -> cart.normalizeSkus(Arrays.asList(" sku-" + n, null));
            case "cme-remove-expired" -> cart.removeExpired(new ArrayList<>(List.of("expired-" + n, "sku-1", "sku-2")));
            case "report-negative" -> reports.export(List.of(n, -n - 1));
            case "report-buffer" -> reports.buffer(-1 - n);
            case "session-cart-cast" -> cache.cartOf("legacy").size();
            case "tag-immutable" -> {
                tags.addTag("tag-" + n);
                yield null;
            }
            case "category-cycle" -> categories.depth("shoes");
            case "no-primary-address" -> directory.primaryAddress(List.of("home:" + n + " Main St"));
            case "order-id-uuid" -> orderIds.parse("o-" + n);
            case "search-regex" -> search.compile("shoe[" + n);
            case "template-missing" -> templates.load("receipt-" + n % 3);
            case "status-code" -> statuses.fromCode(n % 2 == 0 ? "refunded" : "lost");
            case "audit-actor" -> {
                audit.record(n % 2 == 0 ? null : "", "refund-" + n);
                yield null;
            }
            case "card-declined" -> cards.captureThroughPort("o-" + n, 2L * n + 1);
            case "gift-card-expired" -> checkout.applyGiftCard("GC-" + n + "x");
            case "voucher-expired" -> checkout.applyVoucher("V-" + n + "x");
            case "payout-rejected" -> payouts.send("m-" + n, 60_000L + n);
            case "refund-rejected" -> refunds.issue("o-" + n, 70_000L + n);
            case "notify-npe-email" -> notifier.sendAsync("c-" + (20 + n)).join();
            case "lock-held" -> {
                lockingJob.task("nightly-" + n).run();
                yield null;
            }
            default -> throw new IllegalArgumentException("no such op " + op);
        };
    }
}
