import { describe, expect, it } from 'vitest';
import type { HostedColumn } from '../model.js';
import { maskItem, maskRecord, maskRuleOf, maskValue, rowProjector } from './masking.js';

const column = (item: string, extra: Partial<HostedColumn> = {}): HostedColumn => ({
  item,
  column: 'c1',
  dataType: 'C',
  isKey: false,
  personal: true,
  active: true,
  ...extra,
});

describe('masking', () => {
  it('chooses a rule by key kind, data type and item name', () => {
    expect(maskRuleOf(column('公民身份号码', { keyKind: 'resident_id', isKey: true }))).toBe('resident_id');
    expect(maskRuleOf(column('身份证号'))).toBe('resident_id');
    expect(maskRuleOf(column('姓名'))).toBe('name');
    expect(maskRuleOf(column('联系电话'))).toBe('phone');
    expect(maskRuleOf(column('手机号码'))).toBe('phone');
    expect(maskRuleOf(column('电子邮箱'))).toBe('email');
    expect(maskRuleOf(column('户籍地址'))).toBe('address');
    expect(maskRuleOf(column('出生日期', { dataType: 'D' }))).toBe('date');
    expect(maskRuleOf(column('参保状态'))).toBe('generic');
  });

  it('masks each kind of value', () => {
    expect(maskValue('11010519491231002x', 'resident_id')).toBe('110105********002X');
    expect(maskValue('张三丰', 'name')).toBe('张**');
    expect(maskValue('李四', 'name')).toBe('李*');
    expect(maskValue('王', 'name')).toBe('*');
    expect(maskValue('138 1234 5678', 'phone')).toBe('138****5678');
    expect(maskValue('010-1234', 'phone')).toBe('0******4');
    expect(maskValue('zhangsan@example.cn', 'email')).toBe('z******n@example.cn');
    expect(maskValue('北京市东城区景山前街4号', 'address')).toBe('北京市东城区******');
    expect(maskValue('1949-12-31', 'date')).toBe('1949-**-**');
    expect(maskValue('城镇职工', 'generic')).toBe('城**工');
    expect(maskValue('参保', 'generic')).toBe('参*');
    expect(maskValue('a', 'generic')).toBe('*');
    expect(maskValue(12345, 'generic')).toBe('1***5');
    expect(maskValue(null, 'name')).toBeNull();
  });

  it('projects a stored row to the read columns, masking only the masked ones', () => {
    const columns = [
      column('公民身份号码', { column: 'c1', isKey: true, keyKind: 'resident_id' }),
      column('姓名', { column: 'c2' }),
      column('缴费基数', { column: 'c3', dataType: 'N', personal: false }),
    ];
    const project = rowProjector({ columns, masked: new Set(['公民身份号码']) });
    expect(project({ _key: 'k', c1: '11010519491231002X', c2: '张三', c3: '5000.50', c4: 'secret' })).toEqual(
      {
        公民身份号码: '110105********002X',
        姓名: '张三',
        缴费基数: '5000.5',
      },
    );
    expect(maskRecord({ columns, masked: new Set(['姓名']) }, { 姓名: '张三', 其他: 'x' })).toEqual({
      姓名: '张*',
      其他: 'x',
    });
    expect(maskItem(column('姓名'), '欧阳娜娜')).toBe('欧***');
  });
});
