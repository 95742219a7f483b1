import { OffsetPageQuery } from '@/common/paging/offset-page.query';

export class ListDeliveriesQuery extends OffsetPageQuery {}
