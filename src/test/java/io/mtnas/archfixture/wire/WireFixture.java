package io.mtnas.archfixture.wire;

import io.mtnas.archfixture.config.ConfigFixture;
import io.mtnas.archfixture.protocol.ProtocolFixture;

/** Breaks the layering: wire may use protocol (fine) but not config above it. */
public final class WireFixture {
  ProtocolFixture below;
  ConfigFixture up;
}
