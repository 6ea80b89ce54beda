/**
 * Named demo people with stable openids (o_demo_<role>…). The H5 persona switcher lists them
 * (GET /__dev/personas); tests act as them through the X-Dev-Openid header.
 */
export interface Persona {
  openid: string
  name: string
  label: string
  roles: string[]
  description: string
}

export const PERSONAS: Persona[] = [
  { openid: 'o_demo_resident', name: '刘晓燕', label: '居民（租户）', roles: ['RESIDENT'], description: '租住 6栋302，已加入学堂坡社区' },
  { openid: 'o_demo_owner', name: '张建国', label: '业主（三套房）', roles: ['RESIDENT', 'OWNER'], description: '1栋101、3栋502、7栋201 的业主，按一人计算、面积合计 352 m²' },
  { openid: 'o_demo_coowner_a', name: '李华', label: '共有业主', roles: ['RESIDENT', 'OWNER'], description: '与王芳共有 2栋301' },
  { openid: 'o_demo_coowner_b', name: '王芳', label: '共有业主', roles: ['RESIDENT', 'OWNER'], description: '与李华共有 2栋301' },
  { openid: 'o_demo_family', name: '张小明', label: '家庭成员', roles: ['RESIDENT'], description: '张建国的家人，住 1栋101' },
  { openid: 'o_demo_elder', name: '陈桂兰', label: '独居老人', roles: ['RESIDENT', 'OWNER'], description: '4栋102 业主，78 岁，长辈版' },
  { openid: 'o_demo_grid_worker', name: '周敏', label: '网格员（第一网格）', roles: ['GRID_WORKER'], description: '负责 1—4 栋' },
  { openid: 'o_demo_grid_worker_2', name: '吴强', label: '网格员（第二网格）', roles: ['GRID_WORKER'], description: '负责 5—7 栋' },
  { openid: 'o_demo_property_staff', name: '赵磊', label: '物业人员', roles: ['PROPERTY_STAFF'], description: '物业服务中心客服' },
  { openid: 'o_demo_rc_staff', name: '孙丽', label: '居委会工作人员', roles: ['RC_STAFF'], description: '学堂坡社区居委会' },
  { openid: 'o_demo_committee', name: '钱伟', label: '业委会委员', roles: ['RESIDENT', 'OWNER', 'COMMITTEE_MEMBER'], description: '8栋601 业主，业委会委员' },
  { openid: 'o_demo_admin', name: '郑洁', label: '社区管理员', roles: ['COMMUNITY_ADMIN'], description: '管理角色与权限' },
  { openid: 'o_demo_developer', name: '湘江置业', label: '开发商代表', roles: [], description: '未售、未交付房屋合计按一人计算' },
  { openid: 'o_demo_applicant', name: '黄磊', label: '待审核申请人', roles: [], description: '申请以租户身份加入 2栋402，等待审核' },
  { openid: 'o_demo_newcomer', name: '新用户', label: '新用户', roles: [], description: '第一次打开小程序，尚未授权和加入社区' },
]
