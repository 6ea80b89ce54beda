import { useSyncExternalStore } from 'react'

/**
 * A tiny observable value. App-wide state (session, care mode, privacy prompt) lives in a few of
 * these instead of a state library: pages subscribe with useStore, non-React code (app launch,
 * the privacy listener) reads and writes without needing a component.
 */
export interface Store<S> {
  get(): S
  set(next: S | ((prev: S) => S)): void
  subscribe(listener: () => void): () => void
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (prev: S) => S)(state) : next
      if (Object.is(value, state)) return
      state = value
      listeners.forEach((listener) => listener())
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}
