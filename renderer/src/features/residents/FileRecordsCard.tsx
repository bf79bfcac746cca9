import { Card, Col, Empty, Row, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { useFileRecordCounts } from './useFileRecordCounts.ts';

/**
 * The file's sections that later modules fill (commitments, lists and ratings; the ledger
 * has its own card, ResidentFiguresCard):
 * an honest count of what exists for this person, never invented records.
 */
export function FileRecordsCard({ residentId }: { readonly residentId: string }) {
  const { t } = useI18n();
  const counts = useFileRecordCounts(residentId);
  const sections: { title: MessageKey; empty: MessageKey; count: number | undefined }[] = [
    {
      title: 'register.file.commitments',
      empty: 'register.file.commitmentsEmpty',
      count: counts?.commitments,
    },
    { title: 'register.file.lists', empty: 'register.file.listsEmpty', count: counts?.ratings },
  ];
  return (
    <Row gutter={[16, 16]}>
      {sections.map((section) => (
        <Col key={section.title} xs={24} lg={12}>
          <Card title={t(section.title)} size="small" loading={counts === null}>
            {section.count === 0 || section.count === undefined ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(section.empty)} />
            ) : (
              <Typography.Text>
                {t('register.file.recordsElsewhere', { count: section.count })}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
