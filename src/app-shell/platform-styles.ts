/**
 * Platform-only stylesheets, picked by Taro's file suffix: platform-styles.h5.ts in the H5 build.
 * weapp needs none (its tab bar is native), so this default is empty and nothing reaches app.wxss.
 */
export {}
