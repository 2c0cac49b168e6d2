package io.mtnas.protocol;

/** Messages an evaluator worker accepts. */
public interface WorkerCommand {}
