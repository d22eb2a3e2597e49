package dev.sluice.functions.store;

import dev.sluice.functions.FunctionExtras;
import java.util.List;

/**
 * Where a function's versions, aliases and settings besides $LATEST live. Same durability
 * contract as {@link FunctionStore}: a returned {@link #save} or {@link #delete} survives a
 * crash. Callers serialise writes for one function name.
 */
public interface FunctionExtrasStore {

  /** Everything stored, in no particular order. Read once at start. */
  List<FunctionExtras> loadAll();

  /** Creates or replaces the extras of {@code extras.name()}. */
  void save(FunctionExtras extras);

  /** Removes the function's extras; removing absent ones is harmless. */
  void delete(String name);
}
