package dev.switchboard.api.registry;

/** How many connections are in each state on each node? Answers a list of {@link ConnectionCount}. */
public record CountConnectionsByStateAndNode() {}
