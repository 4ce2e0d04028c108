import { builder } from './builder.ts'
import './scalars.ts'
import './errors.ts'
import './node.ts'
import './seat.ts'
import './show.ts'
import './user.ts'
import './booking.ts'
import './subscription.ts'
import './admin.ts'

export const schema = builder.toSchema({ sortSchema: false })
