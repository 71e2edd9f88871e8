package org.rigl.core.flops;

/** An operation whose parameters and FLOPs {@link OpCounter} can count (micronet_challenge counting ops). */
public sealed interface CountedOp permits Conv2D, DepthwiseConv2D, FullyConnected {}
