import {
  Entity,
  Enum,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';
import { OrganizationRole } from './organization-role.enum';
import { Organization } from './organization.entity';

@ObjectType({ description: 'A person in an organisation, with their role there.' })
@Entity()
@Unique({ properties: ['organization', 'user'] })
export class OrganizationMember {
  [OptionalProps]?: 'joinedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @ManyToOne(() => User, { ref: true, index: true })
  user!: Ref<User>;

  @Field(() => OrganizationRole)
  @Enum({ items: () => OrganizationRole })
  role!: OrganizationRole;

  @Field({ description: 'When the person joined the organisation.' })
  @Property({ type: 'datetime' })
  joinedAt: Date = new Date();
}
