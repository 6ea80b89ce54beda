// The client tests exercise the H5 code paths (transport.h5.ts, localStorage-backed privacy).
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
