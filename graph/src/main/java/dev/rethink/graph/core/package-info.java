/**
 * The building context shared by every lowering: {@link dev.rethink.graph.core.VariableStore} (named ref
 * variables, shared across towers, seeded initializers), {@link dev.rethink.graph.core.Tower} (training or
 * inference copy of a network, with its moving-statistics updates), {@link dev.rethink.graph.core.LayerScope}
 * (where a layer is built: logical path, op scope, frozen or not) and {@link dev.rethink.graph.core.GraphOps}
 * (name scopes that open in constant time).
 */
package dev.rethink.graph.core;
