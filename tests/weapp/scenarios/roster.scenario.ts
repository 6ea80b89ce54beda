/**
 * 业主名册导入 through the weapp-only path (FilePicker.tsx: chooseMessageFile + readFile base64,
 * which the H5 tests never run): the file picker is a privacy API, so a fresh phone is asked for
 * the platform agreement first (R5.3); a bad CSV is reported by line, a good one imports and
 * publishes.
 */
import { assert, type WeappTest } from '../suite'
import { onPage, see, tap } from './helpers'

const HEADER = '楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号'

/** A GB 11643 ID number with a correct check character, from its first 17 digits (test data only). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'), 'utf8')

export const tests: WeappTest[] = [
  {
    name: 'scenario: 业主名册导入 from a chat file (chooseMessageFile) — bad CSV by line, good CSV imported and published',
    async run({ open }) {
      const { mp } = await open('o_demo_rc_staff', 'pages/me/index')
      await tap(mp, '#staff-roster-row')
      await onPage(mp, 'subpackages/staff/pages/roster/index')

      mp.device.filePicks.push([{ name: 'bad.csv', content: csv([`30栋,101,abc,不动产登记,否,否,是,测试甲,${idNumber('43010419800101001')}`, `30栋,102,90.00,估算,否,否,是,测试乙,${idNumber('43010419800101002')}`]) }])
      await tap(mp, '#roster-pick')
      await see(mp, '#privacy-popup')
      await tap(mp, '#agree-btn')
      await see(mp, '#roster-report', '校验未通过')
      await see(mp, '.roster-error', '第 2 行')
      await see(mp, '.roster-error', '第 3 行')

      mp.device.filePicks.push([{ name: 'good.csv', content: csv([`30栋,101,88.50,不动产登记,否,否,是,测试甲,${idNumber('43010419800101001')}`, `30栋,102,90.00,实测,否,否,是,测试乙,${idNumber('43010419800101002')}`]) }])
      await tap(mp, '#roster-pick')
      await see(mp, '#roster-report', '导入成功')
      assert(!mp.page.has('#privacy-popup'), 'asked for the platform agreement twice')
      await tap(mp, '#roster-publish')
      await see(mp, '#roster-headcount')
      const headcount = Number(mp.page.textOf('#roster-headcount').trim())
      assert(headcount > 0, `headcount ${headcount}`)
    },
  },
]
