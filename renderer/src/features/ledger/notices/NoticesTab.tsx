import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  message,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { NoticeDoc, NoticeStatus } from '../../../../../shared/collections/notices.ts';
import { DEFAULT_NOTICE_DAYS } from '../../../../../shared/ledger/templates.ts';
import { useAppServices } from '../../../app/AppServices.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { noticeSheetHtml, type NoticeSheetRow } from '../../../print/notice-sheet.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EventStatusTag } from '../review/EventStatusTag.tsx';
import { useEntryWords } from '../review/review-words.ts';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { awaitingNotice, closeBuild, draftBuild, itemsOf, publishBuild } from './notice-actions.ts';

const STATUS_COLOR: { readonly [S in NoticeStatus]: string } = {
  draft: 'default',
  published: 'processing',
  closed: 'success',
  withdrawn: 'default',
};

interface DraftValues {
  readonly title: string;
  readonly startsOn: string;
  readonly days: number;
  readonly objectionContact: string;
}

function useNames() {
  const { register } = useLedgerScreen();
  const words = useEntryWords();
  return useMemo(
    () => ({
      raw: (event: EventDoc) =>
        event.subjectType === 'resident'
          ? (register.residentById.get(event.subjectId)?.name ?? '')
          : (register.householdById.get(event.subjectId)?.householdNo ?? ''),
      shown: (event: EventDoc) =>
        words.subject(
          event.subjectType,
          event.subjectType === 'resident'
            ? (register.residentById.get(event.subjectId)?.name ?? '')
            : (register.householdById.get(event.subjectId)?.householdNo ?? ''),
        ),
      rule: (event: EventDoc) =>
        event.kind === 'accrual' || event.kind === 'deduction' ? event.rule.nameZh : '',
      points: words.points,
    }),
    [register, words],
  );
}

function EntriesTable({
  events,
  ledger,
  selection,
}: {
  readonly events: readonly EventDoc[];
  readonly ledger: VillageLedger;
  readonly selection?: {
    readonly keys: readonly string[];
    readonly onChange: (keys: string[]) => void;
  };
}) {
  const { t } = useI18n();
  const names = useNames();
  return (
    <Table<EventDoc>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={[...events]}
      {...(selection === undefined
        ? {}
        : {
            rowSelection: {
              selectedRowKeys: [...selection.keys],
              onChange: (keys) => {
                selection.onChange(keys.map(String));
              },
              getCheckboxProps: (event: EventDoc) => ({
                'aria-label': t('ledger.review.selectRow', {
                  subject: names.shown(event),
                  rule: names.rule(event),
                }),
              }),
              columnTitle: undefined,
            },
          })}
      columns={[
        { title: t('ledger.notices.column.subject'), render: (_, event) => names.shown(event) },
        { title: t('ledger.notices.column.rule'), render: (_, event) => names.rule(event) },
        {
          title: t('ledger.notices.column.points'),
          render: (_, event) => names.points(event.points),
        },
        { title: t('ledger.notices.column.occurredOn'), dataIndex: 'occurredOn' },
        {
          title: t('ledger.notices.column.state'),
          render: (_, event) => <EventStatusTag event={event} ledger={ledger} />,
        },
      ]}
    />
  );
}

/** 公示: batches of approved entries, their printed sheet, posting and closing. */
export function NoticesTab() {
  const { t, describeError } = useI18n();
  const { port } = useAppServices();
  const { scope, ledger } = useLedgerScreen();
  const writer = useLedgerWrite();
  const names = useNames();
  const [notice, noticeHolder] = message.useMessage();
  const [selected, setSelected] = useState<string[]>([]);
  const [drafting, setDrafting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<DraftValues>();
  const mayClose = scope.role === 'village_reviewer' || scope.role === 'village_admin';

  const waiting = useMemo(
    () => awaitingNotice(ledger),
    // The snapshot's version changes with every write; the maps are live.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ledger.version, ledger],
  );
  const chosen = selected.filter((id) => waiting.some((event) => event.id === id));

  const report = (
    result: { ok: true } | { ok: false; error: Parameters<typeof describeError>[0] },
    text: string,
  ) => {
    if (result.ok) void notice.success(text);
    else void notice.error(describeError(result.error));
  };

  const draft = async (values: DraftValues) => {
    const result = await writer.run(
      draftBuild(
        {
          title: values.title.trim(),
          startsOn: values.startsOn,
          days: values.days,
          objectionContact: values.objectionContact.trim(),
          note: '',
        },
        chosen,
      ),
    );
    if (result.ok) {
      setDrafting(false);
      setSelected([]);
      void notice.success(t('ledger.notices.created', { title: result.value.title }));
    } else void notice.error(describeError(result.error));
  };

  const print = async (batch: NoticeDoc) => {
    setBusy(`print:${batch.id}`);
    const rows: NoticeSheetRow[] = itemsOf(ledger, batch).map((event) => ({
      subjectType: event.subjectType,
      name: names.raw(event),
      visibility:
        event.kind === 'accrual' || event.kind === 'deduction' ? event.rule.visibility : 'named',
      rule: names.rule(event),
      points: event.points,
      occurredOn: event.occurredOn,
    }));
    const pdf = await port.printToPdf({
      html: noticeSheetHtml({ notice: batch, rows, printedOn: ledger.today }),
      landscape: false,
    });
    if (!pdf.ok) {
      setBusy(null);
      void notice.error(describeError(pdf.error));
      return;
    }
    const saved = await port.saveFile({
      suggestedName: t('ledger.notices.fileName', { title: batch.title }),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      data: pdf.value,
    });
    setBusy(null);
    if (!saved.ok) void notice.error(describeError(saved.error));
    else if (saved.value.saved)
      void notice.success(t('ledger.notices.printed', { path: saved.value.path }));
    else void notice.info(t('ledger.notices.printCancelled'));
  };

  const publish = async (batch: NoticeDoc) => {
    setBusy(`publish:${batch.id}`);
    const result = await writer.run(publishBuild(batch.id));
    setBusy(null);
    report(
      result,
      result.ok
        ? t('ledger.notices.published', {
            startsOn: result.value.notice.startsOn,
            endsOn: result.value.notice.endsOn,
          })
        : '',
    );
  };

  const close = async (batch: NoticeDoc) => {
    setBusy(`close:${batch.id}`);
    const result = await writer.run(closeBuild(batch.id));
    setBusy(null);
    report(
      result,
      result.ok
        ? t('ledger.notices.closed', {
            effective: result.value.events.length,
            held: batch.itemIds.length - result.value.events.length,
          })
        : '',
    );
  };

  const now = dayjs(ledger.today);
  return (
    <Flex vertical gap={16}>
      {noticeHolder}
      <Card
        size="small"
        title={t('ledger.notices.waiting.title', { count: waiting.length })}
        data-testid="notice-waiting"
      >
        <Typography.Paragraph type="secondary">
          {t('ledger.notices.waiting.help')}
        </Typography.Paragraph>
        {waiting.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('ledger.notices.waiting.empty')}
          />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space>
              <Button
                onClick={() => {
                  setSelected(waiting.map((event) => event.id));
                }}
              >
                {t('ledger.notices.selectAll')}
              </Button>
              <Button
                type="primary"
                disabled={chosen.length === 0}
                onClick={() => {
                  form.setFieldsValue({
                    title: t('ledger.notices.defaultTitle', {
                      year: now.year(),
                      month: now.month() + 1,
                    }),
                    startsOn: ledger.today,
                    days: ledger.settings?.noticeDays ?? DEFAULT_NOTICE_DAYS,
                    objectionContact: ledger.settings?.objectionContact ?? '',
                  });
                  setDrafting(true);
                }}
              >
                {t('ledger.notices.create')}
              </Button>
            </Space>
            <EntriesTable
              events={waiting}
              ledger={ledger}
              selection={{ keys: chosen, onChange: setSelected }}
            />
          </Space>
        )}
      </Card>
      <Card size="small" title={t('ledger.notices.batches.title')}>
        {ledger.notices.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('ledger.notices.batches.empty')}
          />
        ) : (
          <Flex vertical gap={12}>
            {ledger.notices.map((batch) => {
              const ended = ledger.today > batch.endsOn;
              return (
                <Card
                  key={batch.id}
                  size="small"
                  type="inner"
                  data-testid="notice-batch"
                  title={
                    <Space wrap>
                      <span>{batch.title}</span>
                      <Tag color={STATUS_COLOR[batch.status]}>
                        {t(`ledger.notices.status.${batch.status}`)}
                      </Tag>
                    </Space>
                  }
                  extra={
                    <Space wrap>
                      <Button
                        loading={busy === `print:${batch.id}`}
                        onClick={() => void print(batch)}
                      >
                        {t('ledger.notices.print')}
                      </Button>
                      {batch.status === 'draft' && (
                        <Button
                          type="primary"
                          loading={busy === `publish:${batch.id}`}
                          onClick={() => void publish(batch)}
                        >
                          {t('ledger.notices.publish')}
                        </Button>
                      )}
                      {batch.status === 'published' && mayClose && (
                        <Button
                          type={ended ? 'primary' : 'default'}
                          loading={busy === `close:${batch.id}`}
                          onClick={() => void close(batch)}
                        >
                          {t('ledger.notices.close')}
                        </Button>
                      )}
                    </Space>
                  }
                >
                  <Typography.Paragraph>
                    {t('ledger.notices.period', {
                      startsOn: batch.startsOn,
                      endsOn: batch.endsOn,
                      days: batch.days,
                    })}
                    {' · '}
                    {t('ledger.notices.count', { count: batch.itemIds.length })}
                  </Typography.Paragraph>
                  {batch.status === 'published' && !ended && (
                    <Alert
                      type="info"
                      showIcon
                      title={t('ledger.notices.closeNotYet', { endsOn: batch.endsOn })}
                    />
                  )}
                  {batch.status === 'published' && !mayClose && (
                    <Alert type="info" showIcon title={t('ledger.notices.closeRole')} />
                  )}
                  <EntriesTable events={itemsOf(ledger, batch)} ledger={ledger} />
                </Card>
              );
            })}
          </Flex>
        )}
      </Card>
      <Modal
        open={drafting}
        title={t('ledger.notices.create.title', { count: chosen.length })}
        okText={t('ledger.notices.create')}
        onOk={() => {
          form.submit();
        }}
        onCancel={() => {
          setDrafting(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void draft(values)}>
          <Form.Item
            label={t('ledger.notices.field.title')}
            name="title"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('ledger.notices.field.titleRequired'),
              },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            label={t('ledger.notices.field.startsOn')}
            name="startsOn"
            {...DATE_ITEM}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={(date) => date.isBefore(now, 'day')} />
          </Form.Item>
          <Form.Item
            label={t('ledger.notices.field.days')}
            name="days"
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={90} precision={0} />
          </Form.Item>
          <Form.Item
            label={t('ledger.notices.field.contact')}
            name="objectionContact"
            extra={t('ledger.notices.field.contactHelp')}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
