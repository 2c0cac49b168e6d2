package io.mtnas.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mtnas.domain.service.CatalogEvent;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.wire.proto.v1.CatalogEventProto;
import io.mtnas.wire.proto.v1.StoredBudgetProto;
import io.mtnas.wire.proto.v1.StoredDeliveriesProto;
import io.mtnas.wire.proto.v1.StoredJoinProto;
import io.mtnas.wire.proto.v1.StoredDeliveryProto;
import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The Pekko serializer of everything {@code mtnas serve} persists: catalog events, stored
 * deliveries and their snapshots, through {@link PersistedCodec}. The manifest names the schema
 * and its version, so a later release can read what an earlier one wrote.
 */
public final class PersistedSerializer extends SerializerWithStringManifest {
  /** Registered in application.conf; unique among the system's serializers. */
  public static final int IDENTIFIER = 7302;

  static final String CATALOG_EVENT = "CatalogEvent.v1";
  static final String STORED_DELIVERY = "StoredDelivery.v1";
  static final String STORED_DELIVERIES = "StoredDeliveries.v1";
  static final String STORED_BUDGET = "StoredBudget.v1";
  static final String STORED_JOIN = "StoredJoin.v1";

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof CatalogEvent) {
      return CATALOG_EVENT;
    } else if (o instanceof StoredDelivery) {
      return STORED_DELIVERY;
    } else if (o instanceof StoredDeliveries) {
      return STORED_DELIVERIES;
    } else if (o instanceof StoredBudget) {
      return STORED_BUDGET;
    } else if (o instanceof StoredJoin) {
      return STORED_JOIN;
    }
    throw new IllegalArgumentException("no persisted form for " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof CatalogEvent e) {
      return PersistedCodec.toProto(e).toByteArray();
    } else if (o instanceof StoredDelivery d) {
      return PersistedCodec.toProto(d).toByteArray();
    } else if (o instanceof StoredDeliveries s) {
      return PersistedCodec.toProto(s).toByteArray();
    } else if (o instanceof StoredBudget b) {
      return PersistedCodec.toProto(b).toByteArray();
    } else if (o instanceof StoredJoin j) {
      return PersistedCodec.toProto(j).toByteArray();
    }
    throw new IllegalArgumentException("no persisted form for " + o.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case CATALOG_EVENT -> PersistedCodec.fromProto(CatalogEventProto.parseFrom(bytes));
        case STORED_DELIVERY -> PersistedCodec.fromProto(StoredDeliveryProto.parseFrom(bytes));
        case STORED_DELIVERIES -> PersistedCodec.fromProto(StoredDeliveriesProto.parseFrom(bytes));
        case STORED_BUDGET -> PersistedCodec.fromProto(StoredBudgetProto.parseFrom(bytes));
        case STORED_JOIN -> PersistedCodec.fromProto(StoredJoinProto.parseFrom(bytes));
        default -> throw new NotSerializableException("unknown persisted manifest \"" + manifest + "\"");
      };
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException(manifest + ": not a valid Protobuf message: " + e.getMessage(), e);
    }
  }
}
