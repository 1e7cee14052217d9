// The identity registry behind the real-name check: given a checked document, the entries the
// registry holds for it. The embedded default is a table filled from entry-manifest CSV files
// (import.ts); a real registry service replaces it by implementing this interface.

import type { DocumentType } from '../../shared/documents.js';
import type { RegistryEntry } from '../../shared/identity.js';
import type { Store } from '../store/store.js';

export interface IdentityRegistry {
  /** Entries for this document (canonical number), in registry form; empty when it is unknown. */
  lookup(documentType: DocumentType, documentNumber: string): Promise<RegistryEntry[]>;
}

/** The embedded registry: the identity_registry table. */
export class TableRegistry implements IdentityRegistry {
  constructor(private readonly store: Store) {}

  async lookup(documentType: DocumentType, documentNumber: string): Promise<RegistryEntry[]> {
    const rows = await this.store.registry.byDocument(documentType, documentNumber);
    return rows.map((r) => ({ name: r.name, documentType: r.document_type as DocumentType, documentNumber: r.document_number }));
  }
}
