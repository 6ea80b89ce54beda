// Benchmark function: one read-modify-write transaction on a counter (R5.12), written the ordinary way.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database({ throwOnNotFound: false })

exports.main = async (event) => {
  try {
    const value = await db.runTransaction(async (t) => {
      const doc = (await t.collection('probe_counters').doc(event.id).get()).data
      const n = doc ? doc.n : 0
      if (doc) await t.collection('probe_counters').doc(event.id).update({ data: { n: n + 1 } })
      else await t.collection('probe_counters').add({ data: { _id: event.id, n: 1 } })
      return n + 1
    }, 100)
    return { ok: true, value }
  } catch (err) {
    return { ok: false, message: String(err.errMsg || err.message || err.code || err) }
  }
}
