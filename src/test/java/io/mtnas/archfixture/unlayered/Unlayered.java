package io.mtnas.archfixture.unlayered;

/** Breaks the layering: a package in no layer. */
public final class Unlayered {}
