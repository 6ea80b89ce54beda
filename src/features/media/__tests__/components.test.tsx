import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setDevOpenid } from '@/features/dev-persona/persona-store'
import { mockFetch } from '../../../../test/fetch-mock'
import { CloudImages } from '../CloudImages'
import { ImagePicker } from '../ImagePicker'
import type { PickedImage } from '../images'

let fetchMock: ReturnType<typeof mockFetch> | undefined
afterEach(() => {
  fetchMock?.restore()
  fetchMock = undefined
  localStorage.clear()
})

const A = 'cloud://linli-local.local-bucket/media/group/aaaaaaaaaaaaaaaaaaaaaaaa/n-0.png'
const B = 'cloud://linli-local.local-bucket/media/group/aaaaaaaaaaaaaaaaaaaaaaaa/n-1.png'

test('ImagePicker: a 删除 per thumbnail removes that one; 添加图片 only while there is room', () => {
  const value: PickedImage[] = [
    { path: 'blob:x/1', size: 10, type: 'image/png' },
    { path: 'blob:x/2', size: 10, type: 'image/png' },
  ]
  const onChange = jest.fn()
  const { rerender } = render(<ImagePicker value={value} onChange={onChange} max={3} />)
  expect(screen.getByLabelText('添加图片')).toBeInTheDocument()
  expect(screen.getByText('已选 2/3 张')).toBeInTheDocument()
  fireEvent.click(screen.getByLabelText('删除第 1 张图片'))
  expect(onChange).toHaveBeenCalledWith([value[1]])
  rerender(<ImagePicker value={value} onChange={onChange} max={2} />)
  expect(screen.queryByLabelText('添加图片')).toBeNull()
})

test('CloudImages: temp URLs from the local cloud as the persona, same-origin paths; a tap previews; held count in words', async () => {
  setDevOpenid('o_demo_resident')
  fetchMock = mockFetch({
    fileList: [
      { fileID: A, tempFileURL: 'http://127.0.0.1:9999/__storage/media/group/a/n-0.png', status: 0, errMsg: 'ok' },
      { fileID: B, tempFileURL: '', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
    ],
  })
  const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
  try {
    render(<CloudImages fileIds={[A, B]} held={2} />)
    expect(screen.getByText('2 张图片审核中')).toBeInTheDocument()
    const tile = await screen.findByLabelText('查看第 1 张图片')
    expect(fetchMock.calls[0].url).toBe('/__client/getTempFileURL')
    expect(fetchMock.calls[0].headers['X-Dev-Openid']).toBe('o_demo_resident')
    expect(fetchMock.calls[0].body).toEqual({ fileList: [A, B] })
    expect(screen.getByText('1 张图片无法显示')).toBeInTheDocument()
    fireEvent.click(tile)
    await waitFor(() => expect(preview).toHaveBeenCalledWith({ urls: ['/__storage/media/group/a/n-0.png'], current: '/__storage/media/group/a/n-0.png' }))
  } finally {
    preview.mockRestore()
  }
})

test('CloudImages: nothing at all renders nothing', () => {
  const { container } = render(<CloudImages fileIds={[]} />)
  expect(container.innerHTML).toBe('')
})
