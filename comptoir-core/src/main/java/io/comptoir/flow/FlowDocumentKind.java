package io.comptoir.flow;

/** A flow document describes a flow, or a template that flows reuse with their parameters. */
public enum FlowDocumentKind {
  FLOW,
  TEMPLATE
}
