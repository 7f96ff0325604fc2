package org.framefork.encoder.report;

/**
 * A chunk that a node of a cluster encoded: which node, what crossed the network, and where the
 * time from cutting its packets to accepting its segment went.
 *
 * @param node the node's name (its {@code --listen} address)
 * @param sentBytes the chunk's request: its source packets and settings
 * @param receivedBytes the node's reply: the segment and its frames' times
 * @param cutSeconds the coordinator's time to copy the chunk's packets out of the source
 * @param transferSeconds the round trip less the node's own time (queue and work): the request's
 *     and the reply's transfers
 * @param queueSeconds how long the chunk waited in the node's queue with its packets there (a
 *     fetched-ahead chunk waits for a worker of the node)
 * @param nodeSeconds the node's work on the chunk: writing its packets, decoding and encoding
 */
public record ChunkTransfer(String node, long sentBytes, long receivedBytes, double cutSeconds, double transferSeconds,
    double queueSeconds, double nodeSeconds) {}
