package io.mtnas.domain.work;

/**
 * What a durable search stores, in order, before its populations see it: the outcomes it delivered
 * and what it announced between them (budget changes, tasks joining). Replaying them in that order rebuilds the search.
 */
public sealed interface StoredInput permits StoredDelivery, StoredNotice {}
