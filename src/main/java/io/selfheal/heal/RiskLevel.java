package io.selfheal.heal;

/** How much harm a healing action can do if it is wrong; high-risk strategies wait for approval. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
