/**
 * Where picked images go: chosen at build time by Taro's platform suffix, like
 * services/cloud/transport.ts — storage.weapp.ts (wx.cloud.uploadFile / getTempFileURL) or
 * storage.h5.ts (the local cloud over HTTP). This file only declares the shape; it is what the
 * type checker sees and is never bundled.
 */
import type { PickedImage } from './images'

/** Upload one picked file to a cloud path; resolves with its cloud:// file id. */
export declare function uploadFile(cloudPath: string, image: PickedImage): Promise<string>
/** Temp URLs for display, by file id; ids that cannot be resolved are missing from the map. */
export declare function getTempUrls(fileIds: string[]): Promise<Record<string, string>>
