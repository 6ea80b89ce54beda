export const tests = []
