import { imageExt, imageProblem, MAX_IMAGE_BYTES } from '../images'

test('the type comes from the MIME type when there is one (H5 blob: URLs), else from the extension', () => {
  expect(imageExt({ path: 'blob:http://127.0.0.1/3f2a', size: 10, type: 'image/png' })).toBe('png')
  expect(imageExt({ path: 'blob:http://127.0.0.1/3f2a', size: 10, type: 'image/svg+xml' })).toBeNull()
  expect(imageExt({ path: 'wxfile://tmp_abc.JPG', size: 10 })).toBe('jpg')
  expect(imageExt({ path: 'http://tmp/x.webp?x=1', size: 10 })).toBe('webp')
  expect(imageExt({ path: 'http://tmp/x.gif', size: 10 })).toBeNull()
})

test('problems in Chinese: wrong type, over 5 MB, empty; none for a good image', () => {
  expect(imageProblem({ path: 'a.png', size: 1000 })).toBeNull()
  expect(imageProblem({ path: 'a.png', size: MAX_IMAGE_BYTES })).toBeNull()
  expect(imageProblem({ path: 'a.png', size: MAX_IMAGE_BYTES + 1 })).toBe('单张图片不能超过 5 MB')
  expect(imageProblem({ path: 'a.heic', size: 1000 })).toBe('只能上传 JPG、PNG 或 WebP 图片')
  expect(imageProblem({ path: 'a.png', size: 0 })).toBe('图片是空的，请重新选择')
})
