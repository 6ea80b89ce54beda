import { imageProblem, MAX_IMAGE_BYTES } from '../images'

test('type and size are checked before upload', () => {
  expect(imageProblem({ path: 'wxfile://tmp/a.jpg', size: 1000 })).toBeNull()
  expect(imageProblem({ path: 'wxfile://tmp/a.PNG', size: MAX_IMAGE_BYTES })).toBeNull()
  expect(imageProblem({ path: 'wxfile://tmp/a.gif', size: 1000 })).toContain('JPG')
  expect(imageProblem({ path: 'wxfile://tmp/a.heic', size: 1000 })).toContain('JPG')
  expect(imageProblem({ path: 'wxfile://tmp/a.jpg', size: MAX_IMAGE_BYTES + 1 })).toContain('5 MB')
})
