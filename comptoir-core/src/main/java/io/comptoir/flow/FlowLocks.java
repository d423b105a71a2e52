package io.comptoir.flow;

import java.time.Instant;

/**
 * Leases in the metadata store that let at most one run of a flow go at a time, also when several
 * Comptoir servers share one PostgreSQL. A lease that expires (its holder died) can be taken over.
 */
public interface FlowLocks {
  /** Takes the lease unless another holder's lease is still valid; true when taken. */
  boolean acquire(FlowId flow, String holder, Instant now, Instant expiresAt);

  /** Gives the lease back, if this holder has it. */
  void release(FlowId flow, String holder);

  /**
   * Gives back every lease whose holder's name starts with the prefix (the runs of processes that
   * are gone); returns how many.
   */
  int releaseAllOf(String holderPrefix);
}
