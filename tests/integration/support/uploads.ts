/**
 * Upload generated PNGs as a person, the way the H5 client does (docs/media.md): slots from
 * media.prepareUpload under the caller's uploader key, bytes to the local cloud's upload path.
 * Names steer the local cloud's media check: `risky` → risky, `review` → review, else pass.
 */
import type { TestCloud } from '../helpers/cloud'
import { expectOk } from './linli'
import { pngBytes } from '../../fixtures/png'
import { uploadToLocalCloud } from '../../../src/features/media/local-cloud-storage'

export async function uploadPngs(t: TestCloud, openid: string, feature: string, names: string[]): Promise<string[]> {
  const { cloudPaths } = expectOk(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature, exts: names.map(() => 'png') }, openid))
  const target = { origin: t.cloud.url, openid }
  return Promise.all(cloudPaths.map((p, i) => uploadToLocalCloud(target, p, new Blob([pngBytes()]), names[i])))
}
