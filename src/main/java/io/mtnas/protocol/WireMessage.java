package io.mtnas.protocol;

/**
 * Marks messages that may cross a node. Configuration binds it to the Protobuf serializer in
 * {@code io.mtnas.wire}; Java serialization stays off, so a message that should carry this
 * marker and does not fails loudly instead of travelling in an unversioned format.
 */
public interface WireMessage {}
