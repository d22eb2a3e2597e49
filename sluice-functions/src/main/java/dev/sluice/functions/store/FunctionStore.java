package dev.sluice.functions.store;

import dev.sluice.functions.FunctionDefinition;
import java.util.List;

/**
 * Where function definitions live. Implementations are durable: once {@link #save} or {@link
 * #delete} returns, the change survives a crash of the process or the machine. Callers serialise
 * writes for one function name; implementations need not.
 */
public interface FunctionStore {

  /** Every stored definition, in no particular order. Read once at start. */
  List<FunctionDefinition> loadAll();

  /** Creates or replaces the definition of {@code definition.name()}. */
  void save(FunctionDefinition definition);

  /** Removes the definition; removing an absent one is harmless. */
  void delete(String name);
}
