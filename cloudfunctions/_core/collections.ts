/**
 * Every collection the product declares (database/collections.json, bundled into the function).
 * Export and deletion iterate this list, so a collection added later is covered without anyone
 * remembering to add it to a privacy feature (R4.6).
 */
import declared from '../../database/collections.json'

export const COLLECTION_NAMES: readonly string[] = (declared as { collections: { name: string }[] }).collections.map((c) => c.name)
