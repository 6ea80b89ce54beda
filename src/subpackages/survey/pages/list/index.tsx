import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { SURVEY_STATUS_LABELS } from '@domain/survey/model'
import { useLoad } from '../../components/use-load'
import { SURVEY_ROUTES } from '../../routes'

type Listed = CallOutput<'survey', 'list'>

function describe(s: Listed['surveys'][number]): string {
  const parts = [SURVEY_STATUS_LABELS[s.status], s.anonymous ? '匿名' : '实名', s.oncePer === 'household' ? '每户一份' : '每人一份', `${s.questionCount}题`]
  if (s.answered) parts.push('已填写')
  return parts.join(' · ')
}

/**
 * 问卷调查: residents see the surveys addressed to them (answer the open ones); staff with
 * survey.manage also see drafts, open results, and start a new survey or the field study template.
 */
export default function SurveyListPage() {
  const community = useSession().data?.currentCommunity ?? null
  const communityId = community?.id ?? null
  const list = useLoad(communityId ? () => callCloud('survey', 'list', { communityId }) : null, [communityId])
  useDidShow(() => list.reload())

  const open = (s: Listed['surveys'][number], manage: boolean) => {
    const url = manage && !s.canAnswer ? SURVEY_ROUTES.results : SURVEY_ROUTES.answer
    Taro.navigateTo({ url: `${url}?id=${encodeURIComponent(s.id)}` })
  }

  return (
    <PageShell title='问卷调查' id='survey-list-page'>
      <PageHeader title='问卷调查' caption={community?.name} />
      {!communityId ? <Empty title='加入社区后可以参加问卷' /> : null}
      {list.status === 'loading' && communityId ? <Loading /> : null}
      {list.status === 'error' ? <ErrorState message={list.message} onRetry={list.reload} /> : null}
      {list.status === 'ready' ? (
        <>
          {list.data.canManage ? (
            <View className='btn-row'>
              <Button id='survey-new' onClick={() => Taro.navigateTo({ url: SURVEY_ROUTES.builder })}>
                新建问卷
              </Button>
              <Button id='survey-dashboard' variant='secondary' onClick={() => Taro.navigateTo({ url: SURVEY_ROUTES.dashboard })}>
                治理看板
              </Button>
            </View>
          ) : null}
          {list.data.surveys.length === 0 ? <Empty id='survey-empty' title='现在没有需要您填写的问卷' /> : null}
          <View className='list' id='survey-list'>
            {list.data.surveys.map((s) => (
              <ListRow
                key={s.id}
                id={`survey-${s.id}`}
                className='survey-row'
                title={s.title}
                description={describe(s)}
                arrow
                onClick={() => open(s, list.data.canManage)}
                extra={s.canAnswer ? <Text className='tag'>去填写</Text> : undefined}
              />
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
