package io.mtnas.protocol;

/** Messages a search's work manager accepts. */
public interface ManagerCommand {}
